package dev.plugboard.simulator;

import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.plugboard.simulator.http.ApiRequest;
import dev.plugboard.simulator.http.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hooks the {@link SimulatorEngine} into WireMock as a global response transformer over one catch-all stub. */
final class WireMockAdapter implements ResponseDefinitionTransformerV2 {
    /** The extension name. */
    static final String NAME = "plugboard-sentry-simulator";

    private volatile SimulatorEngine engine;

    void engine(SimulatorEngine value) {
        this.engine = value;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        SimulatorEngine e = engine;
        if (e == null) {
            return new ResponseDefinition(503, "{\"detail\":\"Simulator starting\"}");
        }
        Request r = serveEvent.getRequest();
        String body = r.getBodyAsString();
        ApiRequest request = ApiRequest.parse(r.getMethod().getName(), r.getUrl(),
                name -> Optional.ofNullable(r.getHeader(name)), body == null ? "" : body);
        SimulatorEngine.Outcome outcome = e.handle(request);
        if (outcome instanceof SimulatorEngine.Outcome.Break br) {
            Fault fault = switch (br.kind()) {
                case CONNECTION_RESET -> Fault.CONNECTION_RESET_BY_PEER;
                case MALFORMED_CHUNK -> Fault.MALFORMED_RESPONSE_CHUNK;
                default -> Fault.EMPTY_RESPONSE;
            };
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withFault(fault).build();
        }
        ApiResponse response = ((SimulatorEngine.Outcome.Respond) outcome).response();
        List<HttpHeader> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            headers.add(new HttpHeader(h.getKey(), h.getValue()));
        }
        var builder = new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                .withStatus(response.status())
                .withHeaders(new HttpHeaders(headers));
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    /** A notifier that says nothing: WireMock stays quiet. */
    static final class QuietNotifier implements Notifier {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Throwable t) {
        }
    }
}
