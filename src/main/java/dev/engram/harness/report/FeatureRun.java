package dev.engram.harness.report;

import dev.engram.harness.stack.RunWorld;
import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.gherkin.Pickle;
import io.cucumber.core.order.PickleOrder;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.Plugin;
import io.cucumber.plugin.event.TestCaseFinished;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the Cucumber features against one {@link RunWorld}, writing every report into one folder. Cucumber's own runtime
 * runs them, with an object factory that hands the world to every scenario, so the run needs no global state and two
 * runs in one JVM never see each other's target.
 */
public final class FeatureRun {
    public static final String GLUE = "dev.engram.harness.steps";

    private FeatureRun() {}

    /**
     * Runs the features selected by {@code tagExpression} (JUnit Platform syntax, {@code a & !b | c}) and returns their
     * results; the verdict is in {@code gate.json}. With {@code progress}, a console line per finished scenario.
     */
    public static List<ScenarioResult> run(Path features, Path reportFolder, RunWorld world, RunInfo info, boolean progress) throws Exception {
        return run(features, reportFolder, world, info, progress, false);
    }

    /**
     * As {@link #run(Path, Path, RunWorld, RunInfo, boolean)}; unless {@code serial}, scenarios that share no
     * {@link ExclusiveResources exclusive resource} overlap. Every lane scenario gets a thread of its own, queued first,
     * and one thread serves the rest, so a lane never waits behind the others' queue.
     */
    public static List<ScenarioResult> run(Path features, Path reportFolder, RunWorld world, RunInfo info, boolean progress, boolean serial)
            throws Exception {
        if (!Files.isDirectory(features)) {
            throw new IllegalArgumentException("features folder not found: " + features);
        }
        Files.createDirectories(reportFolder);
        String dir = reportFolder.toAbsolutePath().toString();
        // Allure reads its results folder from this property when its plugin starts; gate.json stays the authority
        System.setProperty("allure.results.directory", dir + "/allure-results");
        String tags = dev.engram.harness.config.Environments.toCucumber(info.tagExpression());
        List<Plugin> plugins = new ArrayList<>();
        ResultsPlugin results = new ResultsPlugin(reportFolder, world.target(), info);
        plugins.add(results);
        // the dry run is needed for the progress lines and the lanes' threads; a quiet serial run needs neither
        List<List<String>> planned = serial && !progress ? List.of() : plan(features, tags, world);
        if (progress) {
            System.out.println(planned.size() + " scenario(s) to run");
            plugins.add(new ProgressPlugin(planned.size()));
        }
        long laneScenarios = planned.stream().filter(ExclusiveResources::inLane).count();
        String threads = String.valueOf(serial ? 1 : 1 + laneScenarios);
        execute(options(features, tags, "--threads", threads, "--plugin", "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm",
                "--plugin", "html:" + dir + "/cucumber.html", "--plugin", "json:" + dir + "/cucumber.json", "--plugin", "junit:" + dir + "/junit.xml"),
                world, plugins);
        List<ScenarioResult> finished = results.results();
        JunitOwnTimes.rewrite(reportFolder.resolve("junit.xml"), finished);
        return finished;
    }

    /** The tags of every scenario the tag expression selects: a dry run, which runs no step. */
    private static List<List<String>> plan(Path features, String tags, RunWorld world) {
        List<List<String>> planned = new CopyOnWriteArrayList<>();
        ConcurrentEventListener counter = publisher -> publisher.registerHandlerFor(TestCaseFinished.class, e -> planned.add(e.getTestCase().getTags()));
        execute(options(features, tags, "--dry-run"), world, List.of(counter));
        return planned;
    }

    private static void execute(RuntimeOptions options, RunWorld world, List<Plugin> plugins) {
        // one factory per thread: Cucumber asks for it more than once, and each thread runs its scenarios in its own container
        ThreadLocal<RunObjectFactory> factory = ThreadLocal.withInitial(() -> new RunObjectFactory(world));
        Runtime.builder().withRuntimeOptions(lanesFirst(options)).withClassLoader(FeatureRun.class::getClassLoader)
                .withObjectFactorySupplier(factory::get).withAdditionalPlugins(plugins.toArray(Plugin[]::new)).build().run();
    }

    /**
     * Lane scenarios first, then the rest, each in Cucumber's own (lexical) order: every lane scenario then has a thread
     * waiting in its lane from the start. Cucumber takes only its named orders from the command line, so the order is
     * set on the options directly.
     */
    static RuntimeOptions lanesFirst(RuntimeOptions options) {
        PickleOrder lexical = options.getPickleOrder();
        PickleOrder order = pickles -> {
            Map<Boolean, List<Pickle>> byLane = lexical.orderPickles(pickles).stream()
                    .collect(Collectors.partitioningBy(pickle -> ExclusiveResources.inLane(pickle.getTags())));
            return Stream.concat(byLane.get(true).stream(), byLane.get(false).stream()).toList();
        };
        try {
            Method setter = RuntimeOptions.class.getDeclaredMethod("setPickleOrder", PickleOrder.class);
            setter.setAccessible(true);
            setter.invoke(options, order);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Cucumber version does not let the harness order its scenarios", e);
        }
        return options;
    }

    private static RuntimeOptions options(Path features, String tags, String... more) {
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--monochrome", "--tags", tags));
        args.addAll(List.of(more));
        args.add(features.toString());
        return new CommandlineOptionsParser(OutputStream.nullOutputStream()).parse(args.toArray(String[]::new)).build();
    }
}
