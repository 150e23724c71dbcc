package io.gan4j.cgan;
