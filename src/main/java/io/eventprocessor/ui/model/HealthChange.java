package io.eventprocessor.ui.model;

import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of the pipeline that went down or came back between two health checks, in words for a notification.
 *
 * @param up true when it came back, false when it went down
 */
public record HealthChange(Connectivity.Service service, boolean up, String detail) {

    /** The parts whose state differs between two checks; nothing on the first check (there is no "before"). */
    public static List<HealthChange> between(List<Health> before, List<Health> after) {
        List<HealthChange> out = new ArrayList<>();
        if (before.isEmpty()) return out;
        for (Health now : after) {
            Health then = before.stream().filter(h -> h.service() == now.service()).findFirst().orElse(null);
            if (then == null || then.ok() == now.ok()) continue;
            out.add(new HealthChange(now.service(), now.ok(), now.ok() ? now.address() : now.detail()));
        }
        return out;
    }

    public String title() {
        return service.label() + (up ? " is back" : " is down");
    }
}
