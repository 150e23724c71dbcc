/** File-system helpers shared by everything in gan-core that writes files: atomic writes and renames. */
package io.gan4j.core.io;
