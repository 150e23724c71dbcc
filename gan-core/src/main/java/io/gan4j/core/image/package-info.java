/** PNG output for people: sample grids of images and scatter plots of 2-D samples. */
package io.gan4j.core.image;
