export { keyLimitBelowEstimate } from '../../../common/spending-types';
export {
  type CostEstimateInput,
  type CostEstimator,
  createCostEstimator,
  type EstimateCost,
} from './cost-estimator';
export { createKeyInfoMemory, type KeyInfoMemory, rememberingKeyInfo } from './key-limit';
