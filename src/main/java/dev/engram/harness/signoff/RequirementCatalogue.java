package dev.engram.harness.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every checklist item of the SOP, as data ({@code src/main/resources/sop/requirements.yaml}). */
public final class RequirementCatalogue {
    public static final ObjectMapper YAML = dev.engram.support.Yaml.MAPPER;

    private record File(List<Requirement> items) {}

    private final List<Requirement> items;

    private RequirementCatalogue(List<Requirement> items) {
        Set<String> ids = new HashSet<>();
        for (Requirement item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalStateException("sop/requirements.yaml repeats the id " + item.id());
            }
        }
        for (Requirement item : items) {
            for (String dependency : item.from()) {
                if (!ids.contains(dependency)) {
                    throw new IllegalStateException("sop/requirements.yaml: " + item.id() + " derives from unknown item " + dependency);
                }
            }
        }
        this.items = List.copyOf(items);
    }

    public static RequirementCatalogue load() {
        try (InputStream in = RequirementCatalogue.class.getClassLoader().getResourceAsStream("sop/requirements.yaml")) {
            return new RequirementCatalogue(YAML.readValue(in, File.class).items());
        } catch (IOException e) {
            throw new UncheckedIOException("sop/requirements.yaml is unreadable", e);
        }
    }

    public List<Requirement> items() {
        return items;
    }

    public Optional<Requirement> find(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst();
    }
}
