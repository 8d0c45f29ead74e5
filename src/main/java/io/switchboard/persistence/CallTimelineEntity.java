package io.switchboard.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of {@code call_timelines}: a finished call's events as a JSON array. */
@Entity
@Table(name = "call_timelines")
public class CallTimelineEntity extends PanacheEntityBase {
    @Id
    @Column(name = "call_id")
    public String callId;
    public String events;
}
