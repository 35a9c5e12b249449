-- The conversions endpoint's SQL: which message a conversion is about, and the conversion itself,
-- recorded once per order.

-- name: conversion-message-of-contact
-- The message a campaign sent a contact (the e-mail one first when it went on several channels).
SELECT message_id
  FROM recipients
 WHERE tenant_id = ? AND campaign_id = ? AND contact_id = ?
 ORDER BY channel <> 'email', channel
 LIMIT 1;

-- name: conversion-record
-- Records a conversion unless its order was recorded before; returns it when it is new.
INSERT INTO conversions
       (event_id, tenant_id, order_id, message_id, campaign_id, contact_id, value, occurred_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, order_id) DO NOTHING
RETURNING event_id;

-- name: conversion-of-order
-- The conversion recorded for an order, as first reported.
SELECT event_id, message_id, campaign_id, contact_id, value, occurred_at
  FROM conversions
 WHERE tenant_id = ? AND order_id = ?;
