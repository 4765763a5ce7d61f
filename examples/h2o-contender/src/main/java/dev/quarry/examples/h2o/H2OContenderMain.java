package dev.quarry.examples.h2o;

import ai.h2o.automl.AutoML;
import ai.h2o.automl.AutoMLBuildSpec;
import hex.Model;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import water.H2O;
import water.Key;
import water.fvec.Frame;
import water.fvec.NFSFileVec;
import water.fvec.Vec;
import water.parser.ParseDataset;
import water.parser.ParseSetup;

/**
 * H2O AutoML on one outer fold, in a JVM of its own (JDK 17), bound to 127.0.0.1 with a flatfile. Same arguments and result JSON as Quarry's {@code ContenderMain}:
 * {@code <contender> <fold dir> <target> <task> <budget> <seed> <parallelism> <out.json>}. H2O's own web
 * server, which it needs to register its algorithms, listens on 127.0.0.1 only.
 */
public final class H2OContenderMain {

    private H2OContenderMain() {
    }

    /**
     * Runs {@link #run} and exits: with 1 on any failure, since H2O's non-daemon threads would otherwise
     * keep the JVM alive until the harness kills it (kr-vs-kp's first fold waited 480 s for that).
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path fold = Path.of(args[1]).toAbsolutePath();
        String target = args[2];
        String task = args[3].toLowerCase(Locale.ROOT);
        double budget = parseSeconds(args[4]);
        long seed = Long.parseLong(args[5]);
        int parallelism = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]).toAbsolutePath();
        Path work = Files.createDirectories(out.resolveSibling(out.getFileName() + ".work"));

        int port = freePort();
        Path flatfile = work.resolve("flatfile.txt");
        Files.writeString(flatfile, "127.0.0.1:" + port + "\n");
        // H2OStarter registers the REST API extensions, and with them the algorithms; the web server it
        // needs listens on loopback only. At INFO, H2O logs every model's parameters and metrics: 25 MB
        // per 2-minute run, which the harness keeps beside the result.
        water.H2OStarter.start(new String[] {"-name", "quarry-bench-" + ProcessHandle.current().pid(), "-ip", "127.0.0.1",
            "-web_ip", "127.0.0.1", "-port", Integer.toString(port), "-flatfile", flatfile.toString(),
            "-nthreads", Integer.toString(parallelism), "-ga_opt_out", "yes", "-log_dir", work.resolve("logs").toString(),
            "-log_level", "WARN", "-quiet"}, true);
        H2O.waitForCloudSize(1, 60_000);

        boolean classification = !task.equals("regression");
        Frame train = parseWithHeader("train", fold.resolve("train.csv"), target, classification);
        Frame test = parseWithHeader("test", fold.resolve("test.csv"), target, classification);
        var spec = new AutoMLBuildSpec();
        spec.input_spec.training_frame = train._key;
        spec.input_spec.response_column = target;
        // JVM start-up and parsing count against the budget, as they do for Quarry.
        double left = budget - (System.currentTimeMillis() - jvmStart) / 1000.0;
        spec.build_control.stopping_criteria.set_max_runtime_secs(Math.max(1, Math.floor(left * 0.9)));
        spec.build_control.stopping_criteria.set_seed(seed);
        AutoML aml = AutoML.startAutoML(spec);
        aml.get();
        Model<?, ?, ?> leader = aml.leader();
        double fitSeconds = (System.currentTimeMillis() - jvmStart) / 1000.0;
        long t0 = System.nanoTime();
        Frame predictions = leader.score(test);
        double predictMillis = (System.nanoTime() - t0) / 1e6;
        int childRuns = (int) aml.leaderboard().getModelKeys().length;

        var json = new StringBuilder("{");
        json.append("\"contender\":\"h2o-automl\",\"fitSeconds\":").append(fitSeconds)
                .append(",\"childRuns\":").append(childRuns).append(",\"failures\":0")
                .append(",\"predictMillis\":").append(predictMillis)
                .append(",\"testRows\":").append(test.numRows())
                .append(",\"artifactBytes\":").append(modelBytes(leader, work))
                .append(",\"peakRssMb\":").append(peakRssMb())
                .append(",\"bestLearner\":\"").append(leader._parms.algoName()).append('"');
        if (classification) {
            String[] domain = predictions.vec(0).domain();
            List<String> classes = new ArrayList<>(List.of(domain));
            json.append(",\"classes\":[");
            for (int k = 0; k < classes.size(); k++) {
                json.append(k > 0 ? "," : "").append('"').append(classes.get(k).replace("\"", "\\\"")).append('"');
            }
            json.append("],\"probabilities\":[");
            for (long i = 0; i < predictions.numRows(); i++) {
                json.append(i > 0 ? "," : "").append('[');
                for (int k = 0; k < classes.size(); k++) {
                    json.append(k > 0 ? "," : "").append(predictions.vec(k + 1).at(i));
                }
                json.append(']');
            }
            json.append(']');
        } else {
            json.append(",\"classes\":[],\"values\":[");
            for (long i = 0; i < predictions.numRows(); i++) {
                json.append(i > 0 ? "," : "").append(predictions.vec(0).at(i));
            }
            json.append(']');
        }
        json.append('}');
        Files.writeString(out, json);
        H2O.exit(0);
    }

    /**
     * Parses a CSV whose first line is its header, with a classification target read as categorical.
     * H2O's own guess takes a file whose every column is text (kr-vs-kp's 37 categorical columns) for
     * one without a header and names its columns C1 to C37, so the target was not found; and it guesses
     * credit-approval's {@code +}/{@code -} target as numeric, reading {@code -} as missing, so AutoML
     * saw one class. The target's type is therefore set before parsing rather than converted after.
     *
     * @throws IllegalArgumentException if the header has no column named {@code target}
     */
    private static Frame parseWithHeader(String name, Path csv, String target, boolean classification) {
        NFSFileVec file = NFSFileVec.make(csv.toFile());
        Key[] keys = {file._key};
        ParseSetup setup = ParseSetup.guessSetup(keys, false, ParseSetup.HAS_HEADER);
        int index = List.of(setup.getColumnNames()).indexOf(target);
        if (index < 0) {
            throw new IllegalArgumentException(csv + ": the target column '" + target + "' is not among the header's columns "
                    + List.of(setup.getColumnNames()));
        }
        if (classification) {
            byte[] types = setup.getColumnTypes();
            types[index] = Vec.T_CAT;
            setup.setColumnTypes(types);
        }
        return ParseDataset.parse(Key.make(name), keys, true, setup);
    }

    private static long modelBytes(Model<?, ?, ?> model, Path work) {
        try {
            Path mojo = work.resolve("leader.zip");
            try (var os = Files.newOutputStream(mojo)) {
                model.getMojo().writeTo(os);
            }
            return Files.size(mojo);
        } catch (Exception e) {
            return -1;
        }
    }

    private static double parseSeconds(String budget) {
        String b = budget.trim();
        if (b.endsWith("ms")) {
            return Double.parseDouble(b.substring(0, b.length() - 2)) / 1000;
        }
        if (b.endsWith("s")) {
            return Double.parseDouble(b.substring(0, b.length() - 1));
        }
        if (b.endsWith("m")) {
            return Double.parseDouble(b.substring(0, b.length() - 1)) * 60;
        }
        if (b.endsWith("h")) {
            return Double.parseDouble(b.substring(0, b.length() - 1)) * 3600;
        }
        return Double.parseDouble(b);
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
