DROP TABLE carerules_policy;
DROP TABLE carerules_customer;
