package io.switchboard.workflow.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Deployments through the API ({@code POST /api/v1/workflows}); see docs/workflow-editor.md. */
@ConfigMapping(prefix = "switchboard.workflow-editor")
public interface WorkflowDeployConfig {

    /** Largest file accepted, in bytes (a large approval process is ~100 KB). */
    @WithDefault("1048576")
    int maxFileSize();

    /** Most files in one deployment. */
    @WithDefault("20")
    int maxFiles();
}
