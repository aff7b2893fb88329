import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerTokenMatches } from './bearer-token';

const OPEN_ENDPOINT = 'halfhour:open-endpoint';

/** What the guard needs of the HTTP platform's request and response. */
interface HttpRequest {
  headers: { authorization?: string };
}
interface HttpResponse {
  setHeader(name: string, value: string): unknown;
}

/** An endpoint anyone on the network may call: health probes, Prometheus's scrape, the simulation clock. */
export const OpenEndpoint = (): ClassDecorator & MethodDecorator => SetMetadata(OPEN_ENDPOINT, true);

/**
 * Every HTTP endpoint of a service needs an operator API token (`Authorization: Bearer …`) unless
 * it is marked `@OpenEndpoint()`: data-bearing endpoints (the audit trail, the registry, plans)
 * are closed by default, so a new one cannot be left open by forgetting. With no tokens
 * configured (development only: production refuses to start without them) everything is open.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: readonly string[],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.tokens.length === 0) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_ENDPOINT, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    if (bearerTokenMatches(http.getRequest<HttpRequest>().headers.authorization, this.tokens)) return true;
    http.getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="halfhour-operator-api"');
    throw new UnauthorizedException({ reasonCode: 'UNAUTHENTICATED', message: 'this endpoint needs an operator API token: Authorization: Bearer <token>' });
  }
}
