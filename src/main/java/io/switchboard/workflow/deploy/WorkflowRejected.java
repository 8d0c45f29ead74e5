package io.switchboard.workflow.deploy;

import java.util.List;

/**
 * A workflow deployment or removal refused: the HTTP status it stands for (400 bad model, 404
 * unknown, 409 in use, 413 too large), a message and each problem on its own (with its position).
 */
public class WorkflowRejected extends RuntimeException {

    private final int status;
    private final List<String> problems;

    public WorkflowRejected(int status, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    static WorkflowRejected invalid(String message) {
        return new WorkflowRejected(400, message, List.of());
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
