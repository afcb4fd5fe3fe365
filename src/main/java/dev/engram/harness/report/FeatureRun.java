package dev.engram.harness.report;

import dev.engram.harness.stack.RunWorld;
import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.Plugin;
import io.cucumber.plugin.event.TestCaseFinished;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
        if (progress) {
            int planned = plan(features, tags, world);
            System.out.println(planned + " scenario(s) to run");
            plugins.add(new ProgressPlugin(planned));
        }
        execute(options(features, tags, "--plugin", "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm", "--plugin", "html:" + dir + "/cucumber.html",
                "--plugin", "json:" + dir + "/cucumber.json", "--plugin", "junit:" + dir + "/junit.xml"), world, plugins);
        return results.results();
    }

    /** How many scenarios the tag expression selects: a dry run, which runs no step. */
    private static int plan(Path features, String tags, RunWorld world) {
        AtomicInteger count = new AtomicInteger();
        ConcurrentEventListener counter = publisher -> publisher.registerHandlerFor(TestCaseFinished.class, e -> count.incrementAndGet());
        execute(options(features, tags, "--dry-run"), world, List.of(counter));
        return count.get();
    }

    private static void execute(RuntimeOptions options, RunWorld world, List<Plugin> plugins) {
        RunObjectFactory factory = new RunObjectFactory(world); // one per run: Cucumber asks for it more than once
        Runtime.builder().withRuntimeOptions(options).withClassLoader(FeatureRun.class::getClassLoader)
                .withObjectFactorySupplier(() -> factory).withAdditionalPlugins(plugins.toArray(Plugin[]::new)).build().run();
    }

    private static RuntimeOptions options(Path features, String tags, String... more) {
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--monochrome", "--tags", tags));
        args.addAll(List.of(more));
        args.add(features.toString());
        return new CommandlineOptionsParser(OutputStream.nullOutputStream()).parse(args.toArray(String[]::new)).build();
    }
}
