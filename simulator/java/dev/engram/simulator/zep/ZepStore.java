package dev.engram.simulator.zep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Zep's memory, in memory: sessions with their messages, and facts per user. */
final class ZepStore {
    record Message(String uuid, Instant createdAt, String roleType, String role, String content, JsonNode metadata) {}

    record Session(String sessionId, String userId, JsonNode metadata, Instant createdAt, List<Message> messages) {}

    record Fact(String uuid, String fact, Instant createdAt, String sessionId, String kind) {}

    record Hit(Message message, double score, String sessionId) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<Fact>> facts = new ConcurrentHashMap<>();
    private final FactExtractor extractor = FactExtractor.load();

    Optional<Session> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    Session createSession(String id, String userId, JsonNode metadata) {
        return sessions.computeIfAbsent(id, key ->
                new Session(key, userId, metadata, Instant.now(), Collections.synchronizedList(new ArrayList<>())));
    }

    void addMessages(String sessionId, List<Message> added) {
        Session session = createSession(sessionId, null, null);
        session.messages().addAll(added);
        if (session.userId() == null) {
            return;
        }
        List<Fact> userFacts = facts.computeIfAbsent(session.userId(), key -> Collections.synchronizedList(new ArrayList<>()));
        added.stream()
                .filter(m -> "user".equals(m.roleType()))
                .flatMap(m -> extractor.extract(m.content()).stream())
                .forEach(found -> {
                    synchronized (userFacts) {
                        if (found.supersedes()) {
                            userFacts.removeIf(f -> f.kind().equals(found.kind()));
                        }
                        userFacts.add(new Fact(Ids.uuid().toString(), found.fact(), Instant.now(), sessionId, found.kind()));
                    }
                });
    }

    List<Message> lastMessages(String sessionId, int limit) {
        List<Message> all = session(sessionId).map(s -> List.copyOf(s.messages())).orElse(List.of());
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    List<Fact> facts(String userId, String query, int limit) {
        List<Fact> all = List.copyOf(facts.getOrDefault(userId, List.of()));
        Set<String> words = words(query);
        return all.stream()
                .sorted(Comparator.comparingDouble((Fact f) -> -overlap(words, words(f.fact())))
                        .thenComparing(Fact::createdAt, Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }

    List<Hit> search(String text, Set<String> sessionIds, String userId, int limit) {
        Set<String> query = words(text);
        return sessions.values().stream()
                .filter(s -> sessionIds.isEmpty() || sessionIds.contains(s.sessionId()))
                .filter(s -> userId == null || userId.equals(s.userId()))
                .flatMap(s -> List.copyOf(s.messages()).stream()
                        .map(m -> new Hit(m, overlap(query, words(m.content())), s.sessionId())))
                .filter(hit -> hit.score() > 0)
                .sorted(Comparator.comparingDouble(Hit::score).reversed())
                .limit(limit)
                .toList();
    }

    private static Set<String> words(String text) {
        if (text == null) {
            return Set.of();
        }
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2)
                .collect(Collectors.toSet());
    }

    /** Jaccard similarity of two word sets: crude but deterministic, enough to rank memory. */
    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }
}
