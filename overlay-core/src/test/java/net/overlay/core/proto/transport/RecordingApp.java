package net.overlay.core.proto.transport;

import java.util.ArrayList;
import java.util.List;

/** A test application that does nothing but record the events it gets. */
final class RecordingApp implements TransportPair.App {
    final List<TransportEvent> events = new ArrayList<>();

    @Override
    public void onEvent(Transport transport, TransportEvent event, long nowNs) {
        events.add(event);
    }

    @Override
    public void onTick(Transport transport, long nowNs) {
    }

    <T extends TransportEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
