package dev.engram.harness.report;

import dev.engram.harness.stack.RunWorld;
import io.cucumber.core.backend.ObjectFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;
import org.picocontainer.MutablePicoContainer;
import org.picocontainer.PicoBuilder;

/**
 * Cucumber's object factory for a run: a fresh PicoContainer per scenario, as cucumber-picocontainer makes it, with the
 * run's {@link RunWorld} registered as an instance. Steps and scenario state get the world, and each other, by
 * constructor injection; nothing reaches for a global.
 */
final class RunObjectFactory implements ObjectFactory {
    private final RunWorld world;
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private MutablePicoContainer pico;

    RunObjectFactory(RunWorld world) {
        this.world = world;
    }

    @Override
    public void start() {
        pico = new PicoBuilder().withCaching().withLifecycle().build();
        pico.addComponent(world);
        classes.forEach(pico::addComponent);
        pico.start();
    }

    @Override
    public void stop() {
        if (pico != null) {
            pico.stop();
            pico.dispose();
            pico = null;
        }
    }

    @Override
    public boolean addClass(Class<?> glue) {
        if (glue == RunWorld.class || glue.isInterface() || Modifier.isAbstract(glue.getModifiers()) || !classes.add(glue)) {
            return true;
        }
        for (Constructor<?> constructor : glue.getConstructors()) {
            for (Class<?> dependency : constructor.getParameterTypes()) {
                addClass(dependency);
            }
        }
        return true;
    }

    @Override
    public <T> T getInstance(Class<T> type) {
        T instance = pico.getComponent(type);
        if (instance == null) {
            throw new IllegalStateException(type.getName() + " is not a step or state class of this run");
        }
        return instance;
    }
}
