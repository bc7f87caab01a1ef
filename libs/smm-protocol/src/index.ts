// The public API of the protocol library: the only barrel.
export {
  ADD_ORDER_FIELDS,
  WIRE_FIELD_NAMES,
  splitLines,
  toAddWireFields,
  type AddOrderRequest,
  type LineList,
} from './add-order.js';
export { SmmApiClient, type BatchResult, type SmmApiClientOptions } from './client.js';
export { SmmParseError, SmmRequestError } from './errors.js';
export { interpretResponse, type RawResponse } from './interpret.js';
export { decodeJson, type DecodedJson } from './json.js';
export {
  expectedCharge,
  orderedUnits,
  validateAddOrder,
  type AddOrderProblem,
} from './order-rules.js';
export {
  REJECTION_REASONS,
  RETRY_ELSEWHERE,
  classifyUpstreamError,
  type AmbiguityCause,
  type CallDiagnostics,
  type FailureCause,
  type RejectionReason,
  type SmmAmbiguous,
  type SmmFailed,
  type SmmNonSuccess,
  type SmmOutcome,
  type SmmRejected,
  type SmmSuccess,
} from './outcome.js';
export {
  parseAddResponse,
  parseBalanceResponse,
  parseCancelResponse,
  parseMultiRefillResponse,
  parseMultiRefillStatusResponse,
  parseMultiStatusResponse,
  parseRefillResponse,
  parseRefillStatusResponse,
  parseStatusResponse,
  type Balance,
  type OrderStatusInfo,
  type PerIdResult,
  type PerIdResults,
  type PlacedOrder,
  type PlacedRefill,
  type RefillStatusInfo,
} from './parse-responses.js';
export {
  parseService,
  parseServicesResponse,
  type InvalidServiceEntry,
  type ServiceCatalog,
  type UpstreamService,
} from './parse-services.js';
export {
  MAX_IDS_PER_CALL,
  addRequest,
  balanceRequest,
  cancelRequest,
  chunk,
  multiRefillRequest,
  multiRefillStatusRequest,
  multiStatusRequest,
  normalizeUpstreamId,
  refillRequest,
  refillStatusRequest,
  servicesRequest,
  statusRequest,
  type SmmAction,
  type SmmRequest,
  type UpstreamIdInput,
} from './requests.js';
export {
  LIST_FIELDS,
  SERVICE_TYPES,
  SERVICE_TYPE_RULES,
  isServiceType,
  normalizeServiceType,
  type AddOrderField,
  type ListField,
  type ServiceType,
  type ServiceTypeRule,
} from './service-types.js';
export {
  ORDER_STATUSES,
  REFILL_STATUSES,
  isTerminalOrderStatus,
  normalizeOrderStatus,
  normalizeRefillStatus,
  type OrderStatus,
  type RefillStatus,
} from './statuses.js';
export { REDACTED, encodeRequest, type EncodedRequest, type SmmTransport } from './transport.js';
