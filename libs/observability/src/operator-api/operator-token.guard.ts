import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JsonLogger } from '../logging/json-logger';
import { operatorIdentityOf } from './bearer-token';
import { OperatorCredentials, OperatorIdentity } from './operator-credentials';

const OPEN_ENDPOINT = 'halfhour:open-endpoint';
const WRITE_ENDPOINT = 'halfhour:write-endpoint';

/** Who calls when no credential is configured at all (development only). */
const DEVELOPMENT_OPERATOR: OperatorIdentity = { name: 'development', scope: 'write' };

/** What the guard needs of the HTTP platform's request and response. */
interface HttpRequest {
  headers: { authorization?: string };
  method: string;
  originalUrl?: string;
  url: string;
  operator?: OperatorIdentity;
}
interface HttpResponse {
  setHeader(name: string, value: string): unknown;
}

/** An endpoint anyone on the network may call: health probes, Prometheus's scrape, the simulation clock. */
export const OpenEndpoint = (): ClassDecorator & MethodDecorator => SetMetadata(OPEN_ENDPOINT, true);

/** An endpoint that changes something (re-plan, capacity, re-delivery): a token with write scope only. */
export const OperatorWrite = (): ClassDecorator & MethodDecorator => SetMetadata(WRITE_ENDPOINT, true);

/** The caller of an operator endpoint, as its token names it: what the audit records as `requestedBy`. */
export const Operator = createParamDecorator((_data: unknown, context: ExecutionContext): OperatorIdentity => context.switchToHttp().getRequest<HttpRequest>().operator!);

/**
 * Every HTTP endpoint of a service needs an operator API token (`Authorization: Bearer …`) unless
 * it is marked `@OpenEndpoint()`: data-bearing endpoints (the audit trail, the registry, plans)
 * are closed by default, so a new one cannot be left open by forgetting. A `read` token reaches
 * everything but `@OperatorWrite()` endpoints (403 READ_ONLY_TOKEN). Every call is logged with who
 * made it, what it asked and when: reads of personal data are audited as writes are. With no
 * credentials configured (development only: production refuses to start without them) everything
 * is open.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: OperatorCredentials,
    private readonly logger?: JsonLogger,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_ENDPOINT, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const credentials = this.credentials.current();
    const operator = credentials.length === 0 ? DEVELOPMENT_OPERATOR : operatorIdentityOf(request.headers.authorization, credentials);
    if (!operator) {
      http.getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="halfhour-operator-api"');
      throw new UnauthorizedException({ reasonCode: 'UNAUTHENTICATED', message: 'this endpoint needs an operator API token: Authorization: Bearer <token>' });
    }
    const writes = this.reflector.getAllAndOverride<boolean>(WRITE_ENDPOINT, [context.getHandler(), context.getClass()]) ?? false;
    const allowed = !writes || operator.scope === 'write';
    this.logger?.info({ operator: operator.name, scope: operator.scope, method: request.method, path: request.originalUrl ?? request.url, allowed }, 'operator API call');
    if (!allowed) throw new ForbiddenException({ reasonCode: 'READ_ONLY_TOKEN', message: `${operator.name}'s token has read scope; this endpoint changes things and needs write scope` });
    request.operator = operator;
    return true;
  }
}
