/**
 * File-system helpers shared by everything in gan-core that writes files: atomic writes and renames, and JSON files
 * read and written with one configured mapper ({@link io.gan4j.core.io.Json}); and the words for why a file could not
 * be read ({@link io.gan4j.core.io.FileErrors}).
 */
package io.gan4j.core.io;
