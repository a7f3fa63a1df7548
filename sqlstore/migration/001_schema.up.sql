-- Customers: the identifiers and the fallback key as indexed columns (NULL
-- when absent), everything else as one JSON document.
CREATE TABLE carerules_customer (
    id TEXT PRIMARY KEY,
    health_sherpa_customer_id TEXT,
    external_id TEXT,
    carrier_assigned_customer_id TEXT,
    fallback_key TEXT,
    doc TEXT NOT NULL
);
CREATE INDEX carerules_customer_health_sherpa_customer_id ON carerules_customer (health_sherpa_customer_id);
CREATE INDEX carerules_customer_external_id ON carerules_customer (external_id);
CREATE INDEX carerules_customer_carrier_assigned_customer_id ON carerules_customer (carrier_assigned_customer_id);
CREATE INDEX carerules_customer_fallback_key ON carerules_customer (fallback_key);

-- Policies: owner and its order among the owner's policies, the identifiers
-- (NULL when absent), the fields the one-year rule reads, the rest as JSON.
CREATE TABLE carerules_policy (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES carerules_customer (id),
    position INTEGER NOT NULL,
    health_sherpa_policy_id TEXT,
    carrier_assigned_policy_id TEXT,
    policy_type TEXT NOT NULL,
    status TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (customer_id, position)
);
CREATE INDEX carerules_policy_health_sherpa_policy_id ON carerules_policy (health_sherpa_policy_id);
CREATE INDEX carerules_policy_carrier_assigned_policy_id ON carerules_policy (carrier_assigned_policy_id);
