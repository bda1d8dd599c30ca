import { requestKindInfo } from '../../../../shared/requests/kinds.ts';
import type { MyDataResponse, NewRequest, RequestSummary, TenantPublic } from '../../lib/portal-client.ts';
import type { Route } from '../../lib/route.ts';
import { ComplaintPages } from '../complaints/index.tsx';
import { RequestChooser } from '../request-chooser/index.tsx';
import { RequestForm } from '../request-form/index.tsx';
import { RequestPage } from '../request-page/index.tsx';
import { Frame, NotReady, useLoad } from './frame.tsx';

const isKind = (kind: string): kind is NewRequest['kind'] => Object.hasOwn(requestKindInfo, kind);

function NewRequestView(props: { tenant: TenantPublic; kind: string }) {
  const [load] = useLoad<MyDataResponse>(`/t/${props.tenant.slug}/me`);
  if (load.kind !== 'ready') return <NotReady tenant={props.tenant} load={load} missing="Page not found" />;
  if (!isKind(props.kind)) {
    return (
      <Frame tenant={props.tenant} title="Make a request">
        <RequestChooser tenant={props.tenant} />
      </Frame>
    );
  }
  return (
    <Frame tenant={props.tenant} title={requestKindInfo[props.kind].name}>
      <RequestForm key={props.kind} tenant={props.tenant.slug} kind={props.kind} data={load.data} />
    </Frame>
  );
}

function OneRequest(props: { tenant: TenantPublic; id: string }) {
  const [load, setRequest] = useLoad<RequestSummary>(`/t/${props.tenant.slug}/me/requests/${props.id}`);
  if (load.kind !== 'ready') return <NotReady tenant={props.tenant} load={load} missing="Request not found" />;
  return (
    <Frame tenant={props.tenant} title={load.data.kindName}>
      <RequestPage tenant={props.tenant} request={load.data} onChange={setRequest} />
    </Frame>
  );
}

export type PageRoute = Extract<Route, { name: 'new-request' | 'request' | 'complaints' | 'complaint' }>;

/** The request and complaint pages, loaded on demand: make a request, follow one; complain, follow it. */
export function RequestPages(props: { tenant: TenantPublic; route: PageRoute }) {
  const { route } = props;
  if (route.name === 'complaints' || route.name === 'complaint') return <ComplaintPages tenant={props.tenant} route={route} />;
  return route.name === 'request' ? (
    <OneRequest key={route.id} tenant={props.tenant} id={route.id} />
  ) : (
    <NewRequestView tenant={props.tenant} kind={route.kind} />
  );
}
