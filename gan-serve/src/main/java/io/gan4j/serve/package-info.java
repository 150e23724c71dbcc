/**
 * {@code gan4j serve}: a read-only web dashboard over gan4j run directories. {@link io.gan4j.serve.DashboardServer}
 * serves a JSON API (runs, one run's config and sessions, its logged scalars downsampled for big runs and only the
 * new rows for live polling, its sample grids) and the pages drawn from it; files are served only from inside a run
 * directory ({@link io.gan4j.serve.RunFiles}).
 */
package io.gan4j.serve;
