/**
 * File-system helpers shared by everything in gan-core that writes files: atomic writes and renames, and JSON files
 * read and written with one configured mapper ({@link io.gan4j.core.io.Json}).
 */
package io.gan4j.core.io;
