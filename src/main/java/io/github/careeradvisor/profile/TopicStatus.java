package io.github.careeradvisor.profile;

import java.util.Arrays;

/** A person's progress on one roadmap topic. */
public enum TopicStatus {
    DONE("done"),
    LEARNING("learning"),
    SKIPPED("skipped");

    private final String id;

    TopicStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static TopicStatus fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic status '" + id + "'"));
    }
}
