package io.gan4j.wgan;
