package dev.plugboard.simulator.model;

import java.util.Map;

/** One element of an event's {@code entries[]}: a type and its data (JSON-like: maps, lists, strings, numbers). */
public record EventEntry(String type, Map<String, Object> data) {

    /** Checks every component and copies the map. */
    public EventEntry {
        Checks.nonBlank(type, "type");
        data = Map.copyOf(data);
    }
}
