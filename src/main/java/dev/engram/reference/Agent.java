package dev.engram.reference;

/** One Engram persona: who answers, and with which VoiceLive voice. */
public record Agent(String id, String name, String title, String persona, String voice) {}
