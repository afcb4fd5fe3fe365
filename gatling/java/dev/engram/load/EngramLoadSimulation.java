package dev.engram.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Chat and voice load on one Engram, shaped by a profile (smoke, baseline, spike, soak), asserted against the SOP 6.6
 * thresholds and the harness's voice metrics. Injector health: the chat requests delivered must reach the intended
 * count, so an overloaded injector cannot pass silently.
 */
public class EngramLoadSimulation extends Simulation {
    private final LoadTarget target = LoadTarget.handedOver();
    private final Thresholds limits = Thresholds.load();
    private final LoadProfile profile = target.profile();

    private final HttpProtocolBuilder protocol = withToken(http.baseUrl(target.api()).wsBaseUrl(target.ws())
            .acceptHeader("application/json").contentTypeHeader("application/json"));

    {
        long intendedChats = profile.intendedChats();
        LoadFigures figures = target.figures();
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(scenario("chat users").exec(Journeys.newUser(target.agents())).exec(Journeys.chat(figures))
                .injectOpen(constantUsersPerSec(profile.chatUsersPerSecond()).during(profile.durationSeconds())));
        if (profile.voiceSessions() > 0) {
            populations.add(scenario("voice users").exec(Journeys.newUser(target.agents())).exec(Journeys.talk(profile.voiceTurns(), figures))
                    .injectOpen(rampUsers(profile.voiceSessions()).during(profile.voiceRampSeconds())));
        }
        if (target.shard().index() == 1) { // one user of a whole run; the first shard carries it
            populations.add(scenario("chat and voice in one session").exec(Journeys.newUser(target.agents())).exec(Journeys.mixed(figures))
                    .injectOpen(atOnceUsers(1)));
        }
        setUp(populations)
                .protocols(protocol)
                .assertions(
                        details("chat").responseTime().percentile(95.0).lt(limits.chatP95Ms()),
                        details("voice").failedRequests().percent().lt(limits.voiceErrorRatePercent()),
                        details("voice", "voice: transcript lag").responseTime().percentile(95.0).lt(limits.voiceTranscriptLagP95Ms()),
                        details("voice", "voice: first audio").responseTime().percentile(95.0).lt(limits.voiceFirstAudioP95Ms()),
                        details("chat", "chat: send").allRequests().count().gte((long) Math.floor(intendedChats * limits.deliveredRateMinFraction())));
    }

    private HttpProtocolBuilder withToken(HttpProtocolBuilder builder) {
        return target.token() == null ? builder : builder.authorizationHeader("Bearer " + target.token());
    }
}
