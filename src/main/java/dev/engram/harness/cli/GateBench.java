package dev.engram.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench gate --runs N}: the full local gate N times in one JVM; the pass rate, each scenario's verdicts, the
 * wall time per run. With {@code --against-serial} every run is followed by a serial run, so both modes share the
 * machine's mood, and the line says whether every scenario's verdicts were the same in both.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Run the full local gate N times; report the pass rate, flaky scenarios"
        + " and wall times, optionally beside serial runs.")
final class GateBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "5", description = "how many gates (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--reports", defaultValue = "reports/bench-gate", description = "where the runs' reports go")
    Path reports;

    @Option(names = "--serial", description = "run every gate serially (one scenario at a time)")
    boolean serial;

    @Option(names = "--against-serial", description = "after each gate, run a serial gate, and compare verdicts and wall times")
    boolean againstSerial;

    /** One mode's runs: wall times, passes, and each scenario's verdict counts. */
    private record Series(List<Long> wall, List<Integer> exits, Map<String, Map<String, Integer>> verdicts) {
        Series() {
            this(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
        }

        double passRate() {
            return exits.stream().filter(e -> e == HarnessCli.PASS).count() / (double) exits.size();
        }

        List<Map<String, Object>> flaky() {
            return verdicts.entrySet().stream().filter(e -> e.getValue().size() > 1).map(e -> Map.<String, Object>of("scenario", e.getKey(), "verdicts", e.getValue())).toList();
        }
    }

    @Override
    public Integer call() throws Exception {
        Series main = new Series();
        Series serialRuns = new Series();
        for (int run = 1; run <= runs; run++) {
            gate(main, serial, run);
            if (againstSerial) {
                gate(serialRuns, true, run);
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "gate");
        line.put("method", "the full local gate (embedded stack, every scenario) run " + runs + " times in one JVM, "
                + (serial ? "serially" : "with scenarios that share no exclusive resource overlapping")
                + (againstSerial ? ", each run followed by a serial run" : "") + "; a scenario is flaky when its verdict differs between runs");
        line.put("runs", runs);
        line.put("pass_rate", main.passRate());
        line.put("wall_ms", main.wall());
        line.put("flaky", main.flaky());
        line.put("scenarios", main.verdicts().size());
        if (againstSerial) {
            line.put("serial_pass_rate", serialRuns.passRate());
            line.put("serial_wall_ms", serialRuns.wall());
            line.put("verdicts_identical_to_serial", main.verdicts().equals(serialRuns.verdicts()));
        }
        line.put("machine", BenchCommand.machine());
        System.out.println(Json.write(line));
        boolean allPassed = main.passRate() == 1.0 && (!againstSerial || serialRuns.passRate() == 1.0);
        return allPassed ? HarnessCli.PASS : HarnessCli.FAIL;
    }

    private void gate(Series series, boolean serialRun, int run) throws Exception {
        long started = System.nanoTime();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int exit;
        try {
            List<String> args = new ArrayList<>(List.of("gate", "--quiet", "--reports", reports.toString()));
            if (serialRun) {
                args.add("--serial");
            }
            exit = HarnessCli.run(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
        }
        series.wall().add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        series.exits().add(exit);
        for (String line : Files.readAllLines(reports.resolve("local/latest/results.jsonl"))) {
            JsonNode r = Json.parse(line);
            series.verdicts().computeIfAbsent(r.path("feature").asText() + ":" + r.path("line").asInt() + " " + r.path("name").asText(),
                    k -> new LinkedHashMap<>()).merge(r.path("verdict").asText(), 1, Integer::sum);
        }
        System.err.println("bench gate: run " + run + "/" + runs + (serialRun ? " (serial)" : "") + " exit " + exit + " in " + series.wall().get(series.wall().size() - 1) + " ms");
    }
}
