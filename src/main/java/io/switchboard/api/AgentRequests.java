package io.switchboard.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the agent and CTI endpoints. */
public final class AgentRequests {

    private AgentRequests() {
    }

    private static final String NAME = "[A-Za-z0-9_.@-]{1,64}";
    private static final String PBX_VALUE = "[^\\p{Cntrl}]{1,200}";
    /** Free text that may reach a PBX command or a log line: no CR/LF or other control characters. */
    private static final String ONE_LINE = "[^\\p{Cntrl}]*";
    private static final String NO_CONTROL = "must not contain control characters such as CR or LF";

    public record Endpoint(@NotBlank @Pattern(regexp = NAME) String node,
                           @NotBlank @Pattern(regexp = PBX_VALUE) String memberInterface,
                           @NotBlank @Pattern(regexp = PBX_VALUE) String dial,
                           @NotBlank @Pattern(regexp = NAME) String device) {
    }

    public record Define(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
                         @Pattern(regexp = NAME) String tenant,
                         List<@Pattern(regexp = NAME) String> skills,
                         List<@Pattern(regexp = NAME) String> queues,
                         @NotNull List<@Valid Endpoint> endpoints) {
    }

    public record Login(List<@Pattern(regexp = NAME) String> queues) {
    }

    public record Pause(@NotBlank @Size(max = 64) @Pattern(regexp = ONE_LINE, message = NO_CONTROL) String reason) {
    }

    public record WrapUp(@Size(max = 160) @Pattern(regexp = ONE_LINE, message = NO_CONTROL) String callId,
                         @NotBlank @Size(max = 64) @Pattern(regexp = ONE_LINE, message = NO_CONTROL) String disposition,
                         @Size(max = 1000) String note) {
    }

    public record Transfer(@NotBlank @Size(max = 80) @Pattern(regexp = PBX_VALUE, message = NO_CONTROL) String destination,
                           @Size(max = 80) @Pattern(regexp = PBX_VALUE, message = NO_CONTROL) String context) {
    }

    public record Dial(@NotBlank @Size(max = 80) @Pattern(regexp = PBX_VALUE, message = NO_CONTROL) String destination,
                       @Pattern(regexp = NAME) String agentId, @Pattern(regexp = NAME) String node) {
    }
}
