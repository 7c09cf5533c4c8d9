import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import type { AccessTokenView } from './accessTokenView.ts';
import { addRestrictiveProduct, type AddRestrictiveProductInput } from './addRestrictiveProduct.ts';
import { addStandardProduct, type AddStandardProductInput } from './addStandardProduct.ts';
import { assignEntitlement, type AssignEntitlementInput } from './assignEntitlement.ts';
import { createAccessToken, type CreateAccessTokenInput, type CreatedAccessToken } from './createAccessToken.ts';
import type { Entitlement } from './entitlementPools.ts';
import type { IssuedResponse } from './issueResponseCode.ts';
import { listAccessTokens, type ListAccessTokensInput } from './listAccessTokens.ts';
import { listEntitlements, type ListEntitlementsInput } from './listEntitlements.ts';
import { listProducts, type ListProductsInput } from './listProducts.ts';
import { processLicense, type ProcessLicenseInput } from './processLicense.ts';
import type { PurchasedProduct } from './productView.ts';
import { revokeAccessToken, type RevokeAccessTokenInput } from './revokeAccessToken.ts';
import { updateFromProduct, type UpdateFromProductInput } from './updateFromProduct.ts';
import { videoContext } from './videoContext.ts';

export type { AccessTokenView, CreatedAccessToken, Entitlement, IssuedResponse, PurchasedProduct };

/**
 * The video platform's portal (CL-*; Poly Lens's Manage > Licensing > Clariti): a thin facet
 * over the core, one file per operation. A License Activation Key (CL-2) is activated in the
 * core like every order's; its CLARITI-* licenses become the account's entitlements. Every input is validated; every answer is
 * a Result with a stable error code.
 */
export interface VideoPortal {
  /** CL-8 */
  createAccessToken(input: CreateAccessTokenInput): Promise<Result<CreatedAccessToken>>;
  listAccessTokens(input: ListAccessTokensInput): Promise<Result<AccessTokenView[]>>;
  revokeAccessToken(input: RevokeAccessTokenInput): Promise<Result<AccessTokenView>>;
  /** CL-4 */
  addStandardProduct(input: AddStandardProductInput): Promise<Result<PurchasedProduct>>;
  /** CL-5 */
  addRestrictiveProduct(input: AddRestrictiveProductInput): Promise<Result<PurchasedProduct>>;
  listProducts(input: ListProductsInput): Promise<Result<PurchasedProduct[]>>;
  /** CL-6 */
  listEntitlements(input: ListEntitlementsInput): Promise<Result<Entitlement[]>>;
  assignEntitlement(input: AssignEntitlementInput): Promise<Result<Entitlement>>;
  /** CL-7 */
  processLicense(input: ProcessLicenseInput): Promise<Result<IssuedResponse>>;
  /** CL-3: a product's Update License or automatic refresh, with an access token. */
  updateFromProduct(input: UpdateFromProductInput): Promise<Result<{ productId: string; responseCode: string }>>;
}

export function createVideoPortal(core: CoreContext): VideoPortal {
  const ctx = videoContext(core);
  return {
    createAccessToken: (input) => createAccessToken(ctx, input),
    listAccessTokens: (input) => listAccessTokens(ctx, input),
    revokeAccessToken: (input) => revokeAccessToken(ctx, input),
    addStandardProduct: (input) => addStandardProduct(ctx, input),
    addRestrictiveProduct: (input) => addRestrictiveProduct(ctx, input),
    listProducts: (input) => listProducts(ctx, input),
    listEntitlements: (input) => listEntitlements(ctx, input),
    assignEntitlement: (input) => assignEntitlement(ctx, input),
    processLicense: (input) => processLicense(ctx, input),
    updateFromProduct: (input) => updateFromProduct(ctx, input),
  };
}
