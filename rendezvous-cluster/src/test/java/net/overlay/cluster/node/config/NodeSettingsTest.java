package net.overlay.cluster.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSettingsTest {

    @Test
    void theDefaultsAreValidAndMatchReferenceConf() {
        NodeSettings s = NodeSettings.from(ConfigFactory.empty());
        assertThat(s.udp().port()).isEqualTo(3478);
        assertThat(s.roles()).containsExactlyInAnyOrder("rendezvous", "relay");
        assertThat(s.keepaliveIntervalMs()).isEqualTo(25_000);
        assertThat(s.handshakes()).isEqualTo(new NodeSettings.Handshakes(100, 500, 4096, 1_000_000));
        assertThat(s.rateLimit().datagramsPerSecond()).isEqualTo(2000);
    }

    /** Each bad setting is refused with its full path and what was wrong; nothing else is thrown. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            udp.port                              | 70000        | udp.port                  | 0..65534
            udp.port                              | '"x"'        | udp.port                  | wrong type
            udp.host                              | '"no host"'  | udp.host                  | not a host
            udp.alternate-host                    | '"127.0.0.1"'| udp.alternate-host        | must differ
            udp.max-datagram-bytes                | 10           | udp.max-datagram-bytes    | 64..65507
            udp.max-queued-datagrams              | 0            | udp.max-queued-datagrams  | 1..
            roles                                 | [router]     | roles                     | unknown role
            roles                                 | [relay]      | roles                     | needs rendezvous
            keepalive-interval                    | 0s           | keepalive-interval        | at least 1 ms
            keepalive-interval                    | '"often"'    | keepalive-interval        | wrong type
            registration-timeout                  | 10s          | registration-timeout      | must exceed keepalive
            registry.refresh-interval             | 400s         | registry.refresh-interval | below registration-timeout
            registry.shards                       | 0            | registry.shards           | 1..100000
            routing.forward-timeout               | 0ms          | routing.forward-timeout   | at least 1 ms
            rate-limit.per-source-datagrams-per-second | -5      | rate-limit.per-source-datagrams-per-second | positive
            rate-limit.per-source-burst           | 0            | rate-limit.per-source-burst | positive
            rate-limit.max-tracked-sources        | 0            | rate-limit.max-tracked-sources | 1..
            handshakes.per-source-per-second      | 0            | handshakes.per-source-per-second | 1..
            handshakes.per-source-burst           | -1           | handshakes.per-source-burst | 1..
            handshakes.max-half-open              | 2000000      | handshakes.max-half-open  | must not exceed handshakes.max-sessions
            handshakes.max-sessions               | 0            | handshakes.max-sessions   | 1..
            cluster.system-name                   | '"a b"'      | cluster.system-name       | letters, digits
            cluster.port                          | 65536        | cluster.port              | 0..65535
            cluster.seed-nodes                    | ["nohost"]   | cluster.seed-nodes        | host:port
            cluster.seed-nodes                    | ["h:99999"]  | cluster.seed-nodes        | host:port
            cluster.downing-stable-after          | 0s           | cluster.downing-stable-after | at least 1 ms
            """)
    void aBadSettingIsNamedWithWhatWasExpected(String key, String value, String named, String problem) {
        var config = ConfigFactory.parseString(NodeSettings.ROOT + "." + key + " = " + value);
        assertThatThrownBy(() -> NodeSettings.from(config))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining(NodeSettings.ROOT + "." + named.trim())
                .hasMessageContaining(problem.trim())
                .satisfies(e -> assertThat(((ConfigError) e).setting()).startsWith(NodeSettings.ROOT + "."));
    }

    @Test
    void handshakeLimitsReachTheSessionEndpointConfig() {
        var config = ConfigFactory.parseString("""
                overlay.rendezvous.handshakes { per-source-per-second = 7, per-source-burst = 9, max-half-open = 11,
                  max-sessions = 13 }
                """);
        assertThat(NodeSettings.from(config).handshakes()).isEqualTo(new NodeSettings.Handshakes(7, 9, 11, 13));
    }
}
