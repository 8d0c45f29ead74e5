package io.switchboard.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of {@code call_records}; rows are written by {@link CallRecordWriter}. Never an API payload. */
@Entity
@Table(name = "call_records")
public class CallRecordEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String node;
    public String tenant;
    @Column(name = "pbx_type")
    public String pbxType;
    @Column(name = "pbx_call_id")
    public String pbxCallId;
    public String direction;
    @Column(name = "caller_number")
    public String callerNumber;
    @Column(name = "caller_name")
    public String callerName;
    @Column(name = "dialed_number")
    public String dialedNumber;
    @Column(name = "queue_name")
    public String queue;
    @Column(name = "agent_name")
    public String agentName;
    @Column(name = "agent_interface")
    public String agentInterface;
    @Column(name = "started_us")
    public long startedUs;
    @Column(name = "queued_us")
    public Long queuedUs;
    @Column(name = "answered_us")
    public Long answeredUs;
    @Column(name = "ended_us")
    public long endedUs;
    @Column(name = "wait_ms")
    public long waitMs;
    @Column(name = "talk_ms")
    public long talkMs;
    @Column(name = "hold_ms")
    public long holdMs;
    public String disposition;
    @Column(name = "hangup_cause")
    public Integer hangupCause;
    @Column(name = "hangup_cause_text")
    public String hangupCauseText;
    @Column(name = "routing_status")
    public String routingStatus;
    @Column(name = "transfer_count")
    public int transferCount;
    public String transfers;
    @Column(name = "agent_attempts")
    public String agentAttempts;
    @Column(name = "ivr_data")
    public String ivrData;
    @Column(name = "recorded_us")
    public long recordedUs;
}
