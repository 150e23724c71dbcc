package io.gan4j.vanilla;
