-- People, places and presence events. Portable SQL: runs on PostgreSQL and on H2 (PostgreSQL mode).

create table person (
    person_id     bigint       primary key,
    household_id  bigint       not null,
    home_division varchar(12)  not null,   -- GB/T 2260 + statistical township/village code
    id_number     char(18)     not null,   -- GB 11643-1999, check digit validated on intake
    name          varchar(64)  not null,
    phone         varchar(20),
    lat           double precision,
    lon           double precision,
    constraint person_id_number_unique unique (id_number)
);
create index person_home_division on person (home_division);
create index person_household on person (household_id);

create table venue (
    venue_id      varchar(64)  primary key,  -- the venue code (场所码)
    name          varchar(200) not null,
    kind          varchar(32)  not null,
    division      varchar(12)  not null,
    lat           double precision,
    lon           double precision,
    dwell_minutes integer      not null,
    contact_class varchar(8)   not null,
    constraint venue_contact_class check (contact_class in ('close', 'key'))
);
create index venue_division on venue (division);

-- Presence events (scans, rides, dwells) arrive roughly in time order, so their natural keys lead with
-- the time: inserts land at the right edge of the key's B-tree instead of all over it, and the same key
-- serves "events between t1 and t2" (dashboards, retention). The natural key makes a re-sent identical
-- row a no-op.

-- A venue-code scan.
create table venue_scan (
    person_id  bigint                   not null,
    venue_id   varchar(64)              not null,
    scan_time  timestamp with time zone not null,
    exit_time  timestamp with time zone,
    primary key (scan_time, person_id, venue_id)
);

-- A ride on a transport trip (bus, train, flight, taxi). seat_row is null when unknown.
create table trip_ride (
    person_id   bigint                   not null,
    trip_id     varchar(64)              not null,
    seat_row    integer,
    board_time  timestamp with time zone not null,
    alight_time timestamp with time zone not null,
    primary key (board_time, person_id, trip_id)
);

-- A stay of a phone in an 800 m grid cell.
create table dwell (
    person_id  bigint                   not null,
    cell_id    varchar(32)              not null,
    start_time timestamp with time zone not null,
    end_time   timestamp with time zone not null,
    primary key (start_time, person_id, cell_id)
);

-- Client event ids of single events sent over REST: a re-send with the same id is acknowledged, not stored again.
create table client_event (
    client_event_id varchar(64)              primary key,
    kind            varchar(16)              not null,
    received_at     timestamp with time zone not null
);
