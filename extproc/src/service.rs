//! The gRPC service: one `Exchange` per ext_proc stream (one HTTP exchange), with the policy
//! in force when the stream opened, so a reload never changes a request half-way.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use envoy_types::pb::envoy::service::ext_proc::v3::external_processor_server::ExternalProcessor;
use envoy_types::pb::envoy::service::ext_proc::v3::{ProcessingRequest, ProcessingResponse};
use log::warn;
use promptwall_engine::Policy;
use tokio::sync::{mpsc, watch};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

use crate::exchange::{Exchange, HostOptions};
use crate::metrics::Metrics;

pub struct Processor {
    pub policy: watch::Receiver<Arc<Policy>>,
    pub options: HostOptions,
    pub metrics: Arc<Metrics>,
}

#[tonic::async_trait]
impl ExternalProcessor for Processor {
    type ProcessStream = ReceiverStream<Result<ProcessingResponse, Status>>;

    async fn process(
        &self,
        request: Request<Streaming<ProcessingRequest>>,
    ) -> Result<Response<Self::ProcessStream>, Status> {
        let mut inbound = request.into_inner();
        // Envoy waits for each answer before it sends the next message, so one slot suffices.
        let (answers, outbound) = mpsc::channel(4);
        let policy = self.policy.borrow().clone();
        let mut exchange = Exchange::new(policy, self.options, self.metrics.clone());
        let metrics = self.metrics.clone();
        metrics.streams_active.fetch_add(1, Ordering::Relaxed);
        metrics.streams_total.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            loop {
                match inbound.message().await {
                    Ok(Some(message)) => {
                        let answer = exchange.handle(message);
                        let failed = answer.is_err();
                        if let Err(status) = &answer {
                            metrics.stream_errors.fetch_add(1, Ordering::Relaxed);
                            warn!("refusing an ext_proc message: {}", status.message());
                        }
                        if answers.send(answer).await.is_err() || failed {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(status) => {
                        warn!("ext_proc stream from Envoy ended with an error: {status}");
                        break;
                    }
                }
            }
            metrics.streams_active.fetch_sub(1, Ordering::Relaxed);
        });
        Ok(Response::new(ReceiverStream::new(outbound)))
    }
}
