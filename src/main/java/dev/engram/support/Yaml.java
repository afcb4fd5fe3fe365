package dev.engram.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The project's YAML mapper (data files, profiles, attestations): lenient on unknown fields. */
public final class Yaml {
    public static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Yaml() {}
}
