package io.gan4j.pix2pix;
