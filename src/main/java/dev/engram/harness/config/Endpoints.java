package dev.engram.harness.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where everything a run talks to lives. Deployed targets know only {@code api} (and {@code web}). */
public record Endpoints(String api, String web, String voicelive, String gateway, String zep, String entra) {

    public static Endpoints deployed(String api, String web) {
        return new Endpoints(strip(api), web == null ? null : strip(web), null, null, null, null);
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("api", api);
        map.put("web", web);
        map.put("voicelive", voicelive);
        map.put("gateway", gateway);
        map.put("zep", zep);
        map.put("entra", entra);
        return map;
    }

    private static String strip(String url) {
        return url.replaceAll("/+$", "");
    }
}
