/** The DynamoDB table the stores use and how to reach it; loadWorkerConfig reads it from the environment. */
export interface StoreConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  /** Only with a custom endpoint (dynalite locally); in AWS the SDK finds the role's credentials itself. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}
