package io.switchboard.workflow.deploy;

import java.util.Objects;
import java.util.regex.Pattern;

/** One BPMN or DMN file of a deployment: its resource name and its bytes (XML, UTF-8). */
public record WorkflowFile(String name, byte[] content) {

    /** Camunda picks the parser by suffix; other names would be stored but never deployed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(bpmn|bpmn20\\.xml|dmn|dmn11\\.xml)");

    public WorkflowFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (!NAME.matcher(name).matches()) {
            throw WorkflowRejected.invalid("file name '" + name
                    + "': letters, digits, '.', '_' or '-', ending in .bpmn or .dmn");
        }
    }

    public boolean isDecision() {
        return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
    }
}
