export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_TOPIC_PREFIX = Symbol('KAFKA_TOPIC_PREFIX');
