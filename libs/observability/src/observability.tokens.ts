export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const JSON_LOGGER = Symbol('JSON_LOGGER');
