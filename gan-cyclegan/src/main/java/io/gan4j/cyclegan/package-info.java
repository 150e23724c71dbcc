package io.gan4j.cyclegan;
