import { serviceDefinitionOf, serviceOf, type Open311Service, type Open311ServiceDefinition } from '@core/open311/open311';
import type { Street } from '@core/places/place';
import type { Deps } from '../context';
import { Open311Failure } from './open311-failure';

/** GET services: the street's active categories, in their order. Public. */
export async function getServices(deps: Deps, street: Street): Promise<Open311Service[]> {
  const categories = await deps.store.requestConfig.categories(street.id);
  return categories.filter((c) => c.active).map(serviceOf);
}

/** GET services/{service_code}: what a request of the category needs (where it is: grid_code or address_id). Public. */
export async function getServiceDefinition(deps: Deps, street: Street, serviceCode: string): Promise<Open311ServiceDefinition> {
  const category = await deps.store.requestConfig.category(serviceCode);
  if (!category || category.streetId !== street.id || !category.active) throw new Open311Failure(404, `没有这个服务类别：${serviceCode.slice(0, 64)}`);
  return serviceDefinitionOf(category);
}
