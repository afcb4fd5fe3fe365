package dev.engram.harness.state;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.EngramApi;

/** The REST exchanges of one scenario; the last one is what "the answer" refers to. */
public final class ApiState {
    private final ScenarioContext scenario;
    private final EngramApi api;
    private ApiResponse last;

    public ApiState(ScenarioContext scenario) {
        this.scenario = scenario;
        this.api = new EngramApi(scenario.target());
    }

    public EngramApi api() {
        return api;
    }

    public ApiResponse record(ApiResponse response) {
        last = response;
        scenario.attach("HTTP exchange", response.summary());
        return response;
    }

    public ApiResponse last() {
        if (last == null) {
            throw new IllegalStateException("no request has been made yet in this scenario");
        }
        return last;
    }
}
