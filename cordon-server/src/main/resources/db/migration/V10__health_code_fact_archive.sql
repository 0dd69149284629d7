-- Health-code facts that can no longer matter (HealthCodeManagement.prune: a lab result a correction
-- replaced, a superseded membership, a negative test older than the policy's look-back, a released
-- contact's facts): moved here from health_code_fact so that the start-up replay and the engine's memory
-- stay with the facts in effect. Kept for the record: a change's cause names its fact id.
create table health_code_fact_archive (
    fact_id      bigint                   primary key,
    person_id    bigint                   not null,
    kind         varchar(32)              not null,
    occurred_at  timestamp with time zone not null,
    detail       varchar(200),
    source       varchar(64)              not null,
    recorded_at  timestamp with time zone not null,
    archived_at  timestamp with time zone not null
);
create index health_code_fact_archive_person on health_code_fact_archive (person_id);
