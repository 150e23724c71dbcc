package io.gan4j.experiments;
