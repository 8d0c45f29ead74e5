package io.switchboard.workflow.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON body a chat webhook takes for a plain text message. */
public enum WebhookFormat {
    /** Slack incoming webhook (and compatibles such as Mattermost): {@code {"text": …}}. */
    SLACK,
    /** DingTalk robot: {@code {"msgtype":"text","text":{"content": …}}}. */
    DINGTALK,
    /** WeChat Work group robot: the same shape as DingTalk's. */
    WECHAT;

    public ObjectNode body(String text) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        switch (this) {
            case SLACK -> root.put("text", text);
            case DINGTALK, WECHAT -> {
                root.put("msgtype", "text");
                root.putObject("text").put("content", text);
            }
        }
        return root;
    }
}
