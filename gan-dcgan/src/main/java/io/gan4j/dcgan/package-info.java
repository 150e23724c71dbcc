package io.gan4j.dcgan;
