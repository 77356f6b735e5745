import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionOf } from '../lib/http/route-functions';
import { type RouteDef, routeKey } from '../lib/http/routes';
import { logRetention } from './app-function';

/** Per-account protection against floods; Slack and ERP syncs stay far below it. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 };

/** The fields worth having per request; HTTP API supports no "standard JSON" format. */
const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The HTTP API with one route per entry of lib/http/routes.ts. The stage is made
 * by hand because HttpApi's automatic $default stage takes neither throttling nor
 * access-log settings.
 */
export class PublicApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** routeKey → its definition and the HttpRoute made from it */
  readonly routes = new Map<string, { def: RouteDef; route: HttpRoute }>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'CareLoop: REST API, Slack endpoint and survey pages',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
  }

  /** Base URL without a trailing slash, as PUBLIC_BASE_URL expects (links are base + path). */
  get baseUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** Adds every route to its function (lib/http/route-functions.ts); each function gets one integration shared by its routes. */
  addRoutes(routes: readonly RouteDef[], functionNamed: (name: string) => IFunction): void {
    const integrations = new Map<IFunction, HttpLambdaIntegration>();
    for (const route of routes) {
      const name = functionOf(route);
      const fn = functionNamed(name);
      let integration = integrations.get(fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, fn);
        integrations.set(fn, integration);
      }
      const key = routeKey(route);
      const httpRoute = new HttpRoute(this, `Route-${key.replace(/[^A-Za-z0-9]+/g, '-')}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
      });
      this.routes.set(key, { def: route, route: httpRoute });
    }
  }
}
