package io.gan4j.serve;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.io.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The web server of {@code gan4j serve}: read-only pages and a JSON API over the runs under some directories.
 * <pre>
 * GET /                                   the runs page
 * GET /run?id=ID                          one run's page
 * GET /compare?ids=ID,ID,...              runs overlaid: a chart per metric, a series per run; grids on one step slider
 * GET /assets/NAME                        the pages' scripts and styles (a fixed list, from the jar)
 * GET /api/runs                           [{id, name, variant, state, step, iterations, msPerStep, latestFid,
 *                                           bestFid, bestFidStep, lastChange, writer}]
 * GET /api/runs/ID                        the same, plus config (resolved), manifest (with sessions), checkpoints
 * GET /api/runs/ID/scalars?since=S&amp;maxPoints=N
 *                                         {metrics: {rows, step: [...], columns: {name: [...]}}, eval: {...},
 *                                          lastStep}: rows after step S (default: all), at most N points a log
 * GET /api/runs/ID/grids                  [{step, path}] of every sample grid
 * GET /api/runs/ID/grids.gif?fromStep=A&amp;toStep=B&amp;maxFrames=N&amp;frameMillis=M
 *                                         the grids of steps A..B (default all) as a looping animated GIF, thinned
 *                                         evenly to N frames (default and most {@value GridGif#MAX_FRAMES}), M ms each
 * GET /api/compare?ids=ID,ID,... | ?sweep=NAME
 *                                         the results table of compare's results.md over the runs' eval.json (see
 *                                         {@link CompareTable}); an unknown id or sweep is 400
 * GET /api/sweeps                         [{name, listed, runs: [ID...]}] of the sweep reports found (see {@link Sweeps})
 * GET /runs/ID/files/PATH                 a file inside the run directory (see {@link RunFiles}), else 404
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {
    /** Default points per log and request: enough for a chart as wide as a screen, two points per pixel column. */
    static final int DEFAULT_MAX_POINTS = 2000;
    /** Default time a grid stays on screen in the GIF: five grids a second. */
    static final int DEFAULT_FRAME_MILLIS = 200;
    private static final Map<String, String> ASSETS = Map.of(
            "runs.html", "text/html; charset=utf-8",
            "run.html", "text/html; charset=utf-8",
            "compare.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot.LICENSE", "text/plain; charset=utf-8");

    /** gan-core's mapper without its indentation: a big run's curves are megabytes of numbers. */
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private final RunCatalog catalog;
    private final RunViews views;
    private final CompareTable compareTable;
    private final Sweeps sweeps;
    private final Javalin app;
    private final CompletableFuture<Void> preloaded = new CompletableFuture<>();

    private DashboardServer(List<Path> roots) {
        this.catalog = new RunCatalog(roots);
        this.views = new RunViews(catalog);
        this.compareTable = new CompareTable(catalog);
        this.sweeps = new Sweeps(roots);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 64 * 1024;
            cfg.routes.get("/", ctx -> asset(ctx, "runs.html"));
            cfg.routes.get("/run", ctx -> asset(ctx, "run.html"));
            cfg.routes.get("/compare", ctx -> asset(ctx, "compare.html"));
            cfg.routes.get("/assets/{name}", ctx -> asset(ctx, ctx.pathParam("name")));
            cfg.routes.get("/api/runs", ctx -> {
                var out = Json.MAPPER.createArrayNode();
                for (RunCatalog.Run run : catalog.scan()) {
                    out.add(views.summary(run));
                }
                json(ctx, out);
            });
            cfg.routes.get("/api/runs/{id}", ctx -> withRun(ctx, run -> json(ctx, views.detail(run))));
            cfg.routes.get("/api/runs/{id}/scalars", ctx -> withRun(ctx, run -> json(ctx,
                    views.scalars(run, longParam(ctx, "since", Long.MIN_VALUE),
                            (int) Math.max(2, Math.min(100_000, longParam(ctx, "maxPoints", DEFAULT_MAX_POINTS)))))));
            cfg.routes.get("/api/runs/{id}/grids", ctx -> withRun(ctx, run -> json(ctx, views.grids(run))));
            cfg.routes.get("/api/runs/{id}/grids.gif", ctx -> withRun(ctx, run -> gif(ctx, run)));
            cfg.routes.get("/api/compare", ctx -> json(ctx, compareTable.of(compared(ctx))));
            cfg.routes.get("/api/sweeps", ctx -> json(ctx, Sweeps.json(sweeps.scan(catalog.scan()))));
            cfg.routes.get("/runs/{id}/files/<path>", ctx -> withRun(ctx, run -> file(ctx, run)));
            cfg.routes.exception(BadParameter.class, (e, ctx) -> ctx.status(400)
                    .contentType("text/plain; charset=utf-8").result(e.getMessage()));
        });
    }

    /**
     * Starts a server over the runs under {@code roots} on {@code host:port} (port 0: a free one).
     *
     * @param roots output directories ({@code <dir>/<name>/<timestamp>/}) or run directories
     */
    public static DashboardServer start(List<Path> roots, String host, int port) {
        DashboardServer server = new DashboardServer(roots);
        server.app.start(host, port);
        server.preloadLogs();
        return server;
    }

    /**
     * Parses every run's {@code metrics.csv} and {@code eval.csv} on a background thread, so that the first page
     * opened after {@code gan4j serve} starts finds a 100,000-step log already read (about 100 ms each in a new JVM;
     * docs/serve.md). A request for a log being parsed waits for it ({@link CsvTable} is synchronized) instead of
     * parsing it twice; a log that cannot be read is left to the request, which reports it.
     */
    private void preloadLogs() {
        Thread thread = new Thread(() -> {
            try {
                for (RunCatalog.Run run : catalog.scan()) {
                    for (String log : List.of("metrics.csv", "eval.csv")) {
                        try {
                            catalog.table(run.dir().resolve(log)).refresh();
                        } catch (IOException | RuntimeException e) {
                            // Not this thread's to report: the page asking for the log gets the error.
                        }
                    }
                }
            } finally {
                preloaded.complete(null);
            }
        }, "gan4j-serve-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes when the background parse of the logs present at start has finished. */
    CompletableFuture<Void> preloaded() {
        return preloaded;
    }

    /** The server's catalog of runs and their parsed logs (for tests). */
    RunCatalog catalog() {
        return catalog;
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** Whether {@code host} names only this machine (a loopback address), so nobody else can connect. */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    private interface RunHandler {
        void handle(RunCatalog.Run run) throws IOException;
    }

    private void withRun(Context ctx, RunHandler handler) throws IOException {
        Optional<RunCatalog.Run> run = catalog.find(ctx.pathParam("id"));
        if (run.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such run");
            return;
        }
        handler.handle(run.get());
    }

    /**
     * The runs {@code ids} names (comma-separated, each URL-encoded, so read from the raw query) or those of the sweep
     * {@code sweep} names; 400 for an unknown one or neither.
     */
    private List<RunCatalog.Run> compared(Context ctx) {
        String sweep = ctx.queryParam("sweep");
        List<String> ids = new ArrayList<>();
        if (sweep != null) {
            Sweeps.Sweep s = sweeps.scan(catalog.scan()).get(sweep);
            if (s == null) {
                throw new BadParameter("sweep=" + sweep + ": no such sweep report");
            }
            ids.addAll(s.runs());
        } else {
            String raw = rawParam(ctx.queryString(), "ids");
            if (raw == null || raw.isEmpty()) {
                throw new BadParameter("ids: give the runs to compare, ids=ID,ID,... (or sweep=NAME)");
            }
            for (String part : raw.split(",", -1)) {
                try {
                    ids.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadParameter("ids: not URL-encoded: " + part);
                }
            }
        }
        List<RunCatalog.Run> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(catalog.find(id).orElseThrow(() -> new BadParameter("ids: no such run: " + id)));
        }
        return runs;
    }

    /** The still-encoded value of {@code name} in a query string, or null. */
    private static String rawParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void file(Context ctx, RunCatalog.Run run) throws IOException {
        Optional<Path> file = RunFiles.resolve(run.dir(), ctx.pathParam("path"));
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(RunFiles.contentType(file.get())).result(Files.readAllBytes(file.get()));
    }

    private void gif(Context ctx, RunCatalog.Run run) throws IOException {
        long from = longParam(ctx, "fromStep", Long.MIN_VALUE);
        long to = longParam(ctx, "toStep", Long.MAX_VALUE);
        long maxFrames = longParam(ctx, "maxFrames", GridGif.MAX_FRAMES);
        long frameMillis = longParam(ctx, "frameMillis", DEFAULT_FRAME_MILLIS);
        if (from > to) {
            throw new BadParameter("fromStep=" + from + " is after toStep=" + to);
        }
        if (maxFrames < 1 || maxFrames > GridGif.MAX_FRAMES) {
            throw new BadParameter("maxFrames=" + maxFrames + " is not within 1.." + GridGif.MAX_FRAMES);
        }
        if (frameMillis < 10 || frameMillis > 655_350) { // GIF delays are 16-bit hundredths of a second
            throw new BadParameter("frameMillis=" + frameMillis + " is not within 10..655350");
        }
        List<Path> files = new ArrayList<>();
        for (JsonNode grid : views.grids(run)) { // ascending steps
            long step = grid.get("step").asLong();
            if (step >= from && step <= to) {
                RunFiles.resolve(run.dir(), grid.get("path").asText()).ifPresent(files::add);
            }
        }
        if (files.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no sample grids in steps "
                    + (from == Long.MIN_VALUE ? "" : from) + ".." + (to == Long.MAX_VALUE ? "" : to));
            return;
        }
        List<Path> frames = new ArrayList<>();
        for (int i : GridGif.thin(files.size(), (int) maxFrames)) {
            frames.add(files.get(i));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + run.id().replaceAll("[^A-Za-z0-9._@~-]", "_")
                + "-grids.gif\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("image/gif");
        GridGif.write(frames, (int) frameMillis, ctx.outputStream());
    }

    private static void asset(Context ctx, String name) throws IOException {
        String type = ASSETS.get(name);
        InputStream in = type == null ? null : DashboardServer.class.getResourceAsStream("web/" + name);
        if (in == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        try (in) {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static void json(Context ctx, Object body) throws IOException {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(COMPACT.writeValueAsBytes(body));
    }

    private static long longParam(Context ctx, String name, long otherwise) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadParameter(name + "=" + text + " is not a whole number");
        }
    }

    /** A query parameter that is not what the API takes: answered 400 with this message. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }
}
