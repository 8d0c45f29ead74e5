package io.switchboard.workflow;

/** A ticket or todo request refused, with the HTTP status it maps to (rendered by the API's one mapper). */
public class WorkflowRefusal extends RuntimeException {

    private final int status;

    public WorkflowRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static WorkflowRefusal notFound(String message) {
        return new WorkflowRefusal(404, message);
    }

    public static WorkflowRefusal forbidden(String message) {
        return new WorkflowRefusal(403, message);
    }

    public static WorkflowRefusal conflict(String message) {
        return new WorkflowRefusal(409, message);
    }
}
